//! What the shipped model does with typical messages (our own sentences, not evaluation lines).

use classifier::{Agency, Kind, Lang, classify, detect_language};

#[test]
fn a_corruption_report_goes_to_anticorruption_and_names_the_accused() {
    for text in [
        "Инспектор ГАИ потребовал взятку 3000 сом, иначе заберёт права",
        "Мугалим баа коюу үчүн ата-энелерден пара сурап жатат",
        "mugalim baa koyuu uchun ata-enelerden para surap jatat",
    ] {
        let c = classify(text);
        assert_eq!(c.kind, Kind::Corruption, "{text}");
        assert_eq!(c.agency, Agency::Anticorruption, "{text}");
        assert!(c.implicated.is_some_and(|a| a != Agency::Anticorruption), "{text}");
    }
}

#[test]
fn kyrgyz_is_kyrgyz_in_all_three_spellings() {
    for text in ["Бүгүн биздин көчөдө жарык жок", "Бугун биздин кочодо жарык жок", "Bugun bizdin kochodo jaryk jok"]
    {
        assert_eq!(detect_language(text).lang, Lang::Ky, "{text}");
    }
    assert_eq!(detect_language("Сегодня на нашей улице нет света").lang, Lang::Ru);
}

#[test]
fn a_russian_clause_inside_kyrgyz_is_mixed() {
    let g = detect_language("Здравствуйте, биздин үйдө үч күндөн бери суу жок, когда это закончится вообще?");
    assert_eq!(g.lang, Lang::Mixed);
}

#[test]
fn an_outage_goes_to_energy_and_a_pension_question_to_pensions() {
    assert_eq!(classify("Свет жок эки күндөн бери, муздаткыч иштебей калды").agency, Agency::Energy);
    let c = classify("Пенсиямды кантип кайра эсептетсем болот, кайсы документтер керек?");
    assert_eq!((c.kind, c.agency), (Kind::Question, Agency::Pensions));
}

#[test]
fn a_bare_greeting_goes_to_triage() {
    assert_eq!(classify("Саламатсызбы").agency, Agency::Triage);
    assert_eq!(classify("👍").agency, Agency::Triage);
}
