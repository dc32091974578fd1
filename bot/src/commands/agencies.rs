//! `kairyluu agencies`: the agencies with their deadlines, as a table.

use classifier::Kind;

use crate::settings::Loaded;

pub async fn run(loaded: Loaded) -> anyhow::Result<()> {
    println!(
        "{:<18} {:<16} {:<16} {:<16} {:<18}  NAME (ru / ky / en)",
        "CODE", "REGISTRATION", "FIRST RESPONSE", "RESOLUTION", "EXTENSION LIMIT"
    );
    for agency in loaded.agencies.iter() {
        // The table shows the terms of a complaint; per-kind differences are listed below it.
        let sla = loaded.agencies.sla(&agency.code, Kind::Complaint);
        println!(
            "{:<18} {:<16} {:<16} {:<16} {:<18}  {} / {} / {}",
            agency.code.as_str(),
            sla.registration.to_string(),
            sla.first_response.to_string(),
            sla.resolution.to_string(),
            sla.extension_limit.to_string(),
            agency.name_ru,
            agency.name_ky,
            agency.name_en,
        );
    }
    let settings = &loaded.settings;
    let overrides = settings.sla.kinds.iter().map(|(kind, layer)| (format!("{kind} (all agencies)"), layer)).chain(
        settings.agencies.iter().flat_map(|(code, agency)| {
            agency.sla_kinds.iter().map(move |(kind, layer)| (format!("{code} / {kind}"), layer))
        }),
    );
    let mut printed_heading = false;
    for (label, layer) in overrides {
        if !printed_heading {
            println!("\nterms that differ by kind of appeal:");
            printed_heading = true;
        }
        let terms: Vec<String> = [
            ("registration", layer.registration),
            ("first response", layer.first_response),
            ("resolution", layer.resolution),
            ("extension limit", layer.extension_limit),
        ]
        .into_iter()
        .filter_map(|(name, span)| span.map(|span| format!("{name} {span}")))
        .collect();
        println!("  {label}: {}", terms.join(", "));
    }
    Ok(())
}
