//! `services.json`: one service per kind of appeal, except corruption reports, which are never
//! published through Open311.

use axum::Json;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use classifier::Kind;
use serde::Serialize;
use utoipa::ToSchema;

use crate::params::{Raw, value};
use crate::public::i18n::{Lang, t};

/// A GeoReport v2 service.
#[derive(Debug, Serialize, ToSchema)]
pub struct Service {
    /// The kind's code: complaint, rating, suggestion, question, gratitude.
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    /// No extra attributes are asked for.
    pub metadata: bool,
    /// Appeals are handled one by one: `realtime`.
    #[serde(rename = "type")]
    pub kind: String,
    pub keywords: String,
    pub group: String,
}

/// The kinds Open311 publishes.
pub(crate) fn published_kinds() -> impl Iterator<Item = Kind> {
    Kind::ALL.iter().copied().filter(|k| *k != Kind::Corruption)
}

/// The `lang` parameter (default English), or what is wrong with it.
pub(crate) fn lang(raw: &Raw) -> Result<Lang, String> {
    match value(raw, "lang") {
        None => Ok(Lang::En),
        Some(code) => Lang::from_code(code).ok_or_else(|| format!("lang: `{code}` is not ky, ru or en")),
    }
}

#[utoipa::path(get, path = "/open311/v2/services.json",
    params(("lang" = Option<String>, Query, description = "ky, ru or en (default)"),
           ("jurisdiction_id" = Option<String>, Query, description = "accepted and ignored: one jurisdiction")),
    responses((status = 200, body = Vec<Service>)))]
pub async fn services(Query(raw): Query<Raw>) -> Response {
    let lang = match lang(&raw) {
        Ok(lang) => lang,
        Err(message) => return super::error(StatusCode::BAD_REQUEST, message),
    };
    let list: Vec<Service> = published_kinds()
        .map(|kind| Service {
            service_code: kind.code().to_owned(),
            service_name: t(lang, &format!("kind-{}", kind.code())),
            description: t(lang, &format!("kind-{}-about", kind.code())),
            metadata: false,
            kind: "realtime".to_owned(),
            keywords: String::new(),
            group: t(lang, "open311-group"),
        })
        .collect();
    Json(list).into_response()
}
