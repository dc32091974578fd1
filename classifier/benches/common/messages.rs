// The benchmark's messages, shared by `benches/speed.rs` and `examples/detect_loop.rs`
// (our own sentences, in the shapes citizens write).

/// Messages of about 200 characters in the shapes citizens write (our own sentences).
const MESSAGES: &[&str] = &[
    "Саламатсызбы! Биздин айылда үч күндөн бери жарык жок, муздаткычтагы эт бузулуп жатат. Электр тармагына чалсак эч ким жооп бербейт. Качан оңдошот, билгиңиз келсе Ак-Суу районуна келиңиз. Рахмат алдын ала.",
    "Здравствуйте, в нашем доме по улице Токтогула уже неделю нет горячей воды, управляющая компания не отвечает на звонки. Пожалуйста, примите меры, у нас маленькие дети и пожилые родители. Спасибо заранее!",
    "Salamatsyzby, bizdin mektepte mugalimder ata-enelerden ar ai sayin 500 som chogultup jatat, remont uchun dep. Direktor bul jonundo ech nerse aitpait. Ushunu tekshirip koigula suranam. Rahmat aldyn ala.",
    "Поликлиникага барсам врач жок, медсестра эртең келгиле дейт. Талон алуу үчүн эртең мененки 6дан кезекке турабыз, бул кандай тартип? Ооруган адам кантип күтөт? Чара көрүңүздөр, Ош шаары, Рахмат!!!",
];

/// Short messages (about 40 characters), the other common shape of a chat appeal.
const SHORT: &[&str] = &[
    "свет жок 3 күн, Ноокат, Жийде айылы",
    "Здравствуйте, когда дадут горячую воду?",
    "jaryk jok 2 kunden beri, Osh shaary",
    "ЦОНдо кезек очень большая, 5 саат турдук",
];
