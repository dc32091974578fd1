## The officer desk: ticket cards, actions, the queue, refusals.

## Чакыруу жана кирүү

officer-bound-officer = Сиз Кайрылууда «{ $agency }» мекемесинин кызматкерисиз. Жаңы кайрылуулар ушул жерге келет; /queue — сиздин кезек.
officer-bound-head = Сиз Кайрылууда «{ $agency }» мекемесинин жетекчисисиз. Жаңы кайрылуулар жана эскалациялар ушул жерге келет; /queue — кезек.
officer-invite-unknown = Бул чакыруу шилтемеси жараксыз. Администратордон жаңысын сураңыз.
officer-invite-used = Бул чакыруу шилтемеси колдонулуп бүткөн. Ар бир шилтеме бир жолу гана иштейт — жаңысын сураңыз.
officer-invite-expired = Бул чакыруу шилтемесинин мөөнөтү бүткөн. Администратордон жаңысын сураңыз.
officer-disabled = Сиздин кызматкер катары кирүүңүз өчүрүлгөн. Мекемеңиздин администраторуна кайрылыңыз.
officer-group-unknown-user = Сиз бул мекеменин кызматкери катары катталган эмессиз, ошондуктан билдирүүңүз жөнөтүлгөн жок. Администратордон чакыруу шилтемесин сураңыз.

## Кайрылуунун карточкасы

card =
    📨 { $number } · { $kind }
    Мекеме: { $agency }
    Аймак: { $region }
    Биринчи жооп: { $first } чейин
    Чечим: { $due } чейин ({ $left })
card-redirected = { $count } жолу жөнөтүлгөн: { $path }
card-anonymous = Жашыруун кайрылуу: жооп корголгон канал аркылуу барат, арыз ээсинин ким экени жашырылган.
card-contact = Байланыш (арыз ээси берүүгө макул болгон): { $phone }
card-attachments = Тиркемелер: { $count } (төмөндө).
card-region-unknown = көрсөтүлгөн эмес
card-left = { $days } иш күнү калды
card-overdue = { $days } иш күнүнө кечикти
card-assigned = Иштөөгө алынды.
btn-take = ✋ Алуу
btn-reply = ✍ Жооп берүү
btn-ask = ❓ Тактоо
btn-redirect = ↪ Башкага жөнөтүү
btn-extend = ⏳ Узартуу
btn-close = ✅ Жабуу
btn-send-anyway = Ошол бойдон жөнөтүү
btn-cancel-send = Жөнөтпөө

## Аракеттер

officer-taken = { $number } эми сизде.
officer-reply-prompt = { $number } боюнча жообуңузду жазыңыз (текст, сүрөт же документ) — ал арыз ээсине жөнөтүлөт.
officer-ask-prompt = { $number } боюнча эмнени тактоо керек экенин жазыңыз — суроо арыз ээсине жөнөтүлөт.
officer-answer-sent = { $number } боюнча жооп арыз ээсине жөнөтүлдү.
officer-question-sent = { $number } боюнча суроо арыз ээсине жөнөтүлдү.
officer-redirect-choose = { $number } кайсы мекемеге жөнөтүлсүн?
officer-redirect-reason = { $number } эмне үчүн «{ $agency }» мекемесине жөнөтүлөт? Себебин жазыңыз — арыз ээси аны көрөт.
officer-redirected = { $number } «{ $agency }» мекемесине жөнөтүлдү.
officer-extend-reason = { $number } боюнча мөөнөттү { $days } иш күнүнө ({ $due } чейин) узартасызбы? Себебин жазыңыз — арыз ээсине билдирилет.
officer-extended = { $number } боюнча мөөнөт { $due } чейин узартылды.
officer-closed = { $number } жабылды.
officer-cancelled = Жокко чыгарылды.
officer-lang-check = { $number } кайрылуусу «{ $appeal }» тилинде жазылган, ал эми жообуңуз «{ $reply }» тилинде окшойт. Мыйзам боюнча жооп кайрылуунун тилинде берилет. Ошол бойдон жөнөтөсүзбү?
officer-lang-ky = кыргыз
officer-lang-ru = орус
officer-follow-up = { $number }: арыз ээси кайрылууну толуктады:
    { $text }
officer-follow-up-media = { $number }: арыз ээси тиркеме жөнөттү (төмөндө).
officer-escalated-not-resolved = Эскалация: { $number } боюнча арыз ээси «Чечилген жок» деп жооп берди. Кайрылуу кайра ачылды.
officer-escalated-brush-off = Эскалация: { $number } боюнча жоопту арыз ээси формалдуу жооп деп белгиледи. Кайрылуу кайра ачылды.
officer-help = Карточканын астындагы баскычтар: алуу, жооп берүү, тактоо, башкага жөнөтүү, узартуу, жабуу. Карточкага reply кылып да жооп берсеңиз болот. /queue — кезек: /queue mine, /queue unassigned, /queue overdue, /queue soon.

## Кезек

queue-empty = Кезекте кайрылуу жок.
queue-header = Кайрылуулар: { $count }
queue-line = { $number } · { $kind } · { $left }

## Баш тартуулар

refused-other-agency = { $number } — башка мекеменин кайрылуусу. Сиз өз мекемеңиздин кайрылуулары менен гана иштей аласыз.
refused-closed = { $number } ачык эмес — ага жооп берүүгө же өзгөртүүгө болбойт.
refused-not-now = Азыр { $number } үчүн бул аракет мүмкүн эмес (абалы: { $status }).
refused-already-extended = { $number } боюнча мөөнөт мурун узартылган. Бир гана жолу узартууга болот.
refused-extension-limit = Мындай узартуу мыйзамда белгиленген чектен ашат.
refused-unknown-agency = Мындай мекеме жок. Тизмеден тандаңыз.
refused-reason-required = Себеби керек — аны бир билдирүү менен жазыңыз.
refused-same-agency = Кайрылуу буга чейин эле ушул мекемеде.
refused-corruption-stays = Коррупция тууралуу билдирүү коррупцияга каршы органда калат.
refused-no-ticket = Бул кайсы кайрылууга тиешелүү экенин түшүнгөн жокмун. Карточканын астындагы «Жооп берүү» баскычын басыңыз же карточкага reply кылыңыз.
refused-empty-reply = Бош жооп жөнөтүлгөн жок. Текст жазыңыз же файл жөнөтүңүз.

## Арыз ээсине: мекемелердин жооптору

answer-frame =
    «{ $agency }» мекемесинин { $number } кайрылуусуна жообу:

    { $text }
answer-frame-media = «{ $agency }» мекемесинин { $number } кайрылуусуна жообу — төмөнкү тиркемеде.
answer-rate = Жоопко баа бериңиз же маселе чечилбесе билдириңиз.
question-frame =
    «{ $agency }» мекемеси { $number } кайрылуусу боюнча тактап жатат:

    { $text }

    «Менин кайрылууларым» → «Толуктоо» аркылуу жооп берсеңиз болот.
redirect-frame = { $number } кайрылууңуз «{ $from }» мекемесинен «{ $to }» мекемесине жөнөтүлдү. Себеби: { $reason }
redirect-path = Кайрылуунун жолу: { $path }
redirect-runaround = Кайрылуу { $count } жолу жөнөтүлдү — бул статистикада «айланма жол» катары эсептелет.
extend-frame = { $number } кайрылууңузга жооп берүү мөөнөтү { $due } чейин узартылды. Себеби: { $reason }
btn-score = { $n } ⭐
btn-not-resolved = Чечилген жок
btn-brush-off = Бул формалдуу жооп
verdict-rated = Бааңыз үчүн рахмат!
verdict-not-resolved = { $number } кайрылуусу кайра ачылып, мекеме жетекчисине жөнөтүлдү.
verdict-brush-off = { $number } боюнча жооп формалдуу жооп катары белгиленди. Кайрылуу кайра ачылып, мекеме жетекчисине жөнөтүлдү; бул статистикада эсепке алынат.
verdict-too-late = { $number } боюнча бул мүмкүн эмес: жооп баа күтпөйт.
