//! Where something happened: the seven oblasts, the two cities of republican significance and the
//! districts (raions) of each oblast, as the citizen picks them from buttons.

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// An oblast or a city of republican significance.
    pub enum Region {
        /// The capital, a city of republican significance.
        Bishkek => "bishkek",
        /// Osh city, a city of republican significance (not Osh oblast).
        OshCity => "osh_city",
        Chuy => "chuy",
        IssykKul => "issyk_kul",
        Naryn => "naryn",
        Talas => "talas",
        JalalAbad => "jalal_abad",
        Osh => "osh",
        Batken => "batken",
    }
}

code_enum! {
    /// A district (raion) of an oblast.
    pub enum District {
        Alamudun => "alamudun", ChuyDistrict => "chuy_d", Jayil => "jayil", Kemin => "kemin",
        Moskva => "moskva", Panfilov => "panfilov", Sokuluk => "sokuluk", YsykAta => "ysyk_ata",
        AkSuu => "ak_suu", JetiOguz => "jeti_oguz", IssykKulDistrict => "issyk_kul_d", Ton => "ton", Tup => "tup",
        AkTalaa => "ak_talaa", AtBashy => "at_bashy", Jumgal => "jumgal", Kochkor => "kochkor",
        NarynDistrict => "naryn_d",
        BakayAta => "bakay_ata", KaraBuura => "kara_buura", Manas => "manas", TalasDistrict => "talas_d",
        Aksy => "aksy", AlaBuka => "ala_buka", BazarKorgon => "bazar_korgon", Chatkal => "chatkal",
        Nooken => "nooken", Suzak => "suzak", ToguzToro => "toguz_toro", Toktogul => "toktogul",
        Alay => "alay", Aravan => "aravan", ChongAlay => "chong_alay", KaraKulja => "kara_kulja",
        KaraSuu => "kara_suu", Nookat => "nookat", Ozgon => "ozgon",
        BatkenDistrict => "batken_d", Kadamjay => "kadamjay", Leylek => "leylek",
    }
}

impl Region {
    /// The districts of an oblast, in display order; empty for the two cities, which are not
    /// divided into raions for our purposes.
    pub fn districts(self) -> &'static [District] {
        use District::*;
        match self {
            Region::Bishkek | Region::OshCity => &[],
            Region::Chuy => &[Alamudun, ChuyDistrict, Jayil, Kemin, Moskva, Panfilov, Sokuluk, YsykAta],
            Region::IssykKul => &[AkSuu, JetiOguz, IssykKulDistrict, Ton, Tup],
            Region::Naryn => &[AkTalaa, AtBashy, Jumgal, Kochkor, NarynDistrict],
            Region::Talas => &[BakayAta, KaraBuura, Manas, TalasDistrict],
            Region::JalalAbad => &[Aksy, AlaBuka, BazarKorgon, Chatkal, Nooken, Suzak, ToguzToro, Toktogul],
            Region::Osh => &[Alay, Aravan, ChongAlay, KaraKulja, KaraSuu, Nookat, Ozgon],
            Region::Batken => &[BatkenDistrict, Kadamjay, Leylek],
        }
    }
}

impl District {
    /// The oblast this district belongs to.
    pub fn region(self) -> Region {
        Region::ALL.iter().copied().find(|r| r.districts().contains(&self)).unwrap_or(Region::Chuy)
    }
}

/// A shared location, as Telegram sends it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
}

/// A point kept in millionths of a degree (about 10 cm): integers survive the JSON the adapter
/// persists exactly, which floats do not always, and NaN cannot sneak in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinates {
    lat_e6: i32,
    lon_e6: i32,
}

impl Coordinates {
    /// Takes a shared location when it is a real place on Earth.
    pub fn from_point(point: GeoPoint) -> Option<Self> {
        let ok = point.latitude.is_finite()
            && point.longitude.is_finite()
            && (-90.0..=90.0).contains(&point.latitude)
            && (-180.0..=180.0).contains(&point.longitude);
        // In range, so the rounded values fit an i32 (at most 180 000 000).
        #[allow(clippy::cast_possible_truncation)]
        ok.then(|| Self {
            lat_e6: (point.latitude * 1e6).round() as i32,
            lon_e6: (point.longitude * 1e6).round() as i32,
        })
    }

    /// Degrees north.
    pub fn latitude(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    /// Degrees east.
    pub fn longitude(self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }
}

/// Where the matter is, as the citizen told us.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// An oblast or city, and the district when one was chosen.
    Region { region: Region, district: Option<District> },
    /// A location shared from the phone.
    Point(Coordinates),
    /// A place written in words (a village, an address).
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_district_belongs_to_exactly_one_oblast() {
        for d in District::ALL {
            let owners = Region::ALL.iter().filter(|r| r.districts().contains(d)).count();
            assert_eq!(owners, 1, "{d:?}");
        }
        assert_eq!(District::ALL.len(), 40);
        assert_eq!(Region::ALL.len(), 9);
    }
}
