## The officer desk: ticket cards, actions, the queue, refusals.

## Приглашение и доступ

officer-bound-officer = Вы — сотрудник ведомства «{ $agency }» в Кайрылуу. Новые обращения будут приходить сюда; /queue — ваша очередь.
officer-bound-head = Вы — руководитель ведомства «{ $agency }» в Кайрылуу. Сюда приходят новые обращения и эскалации; /queue — очередь.
officer-invite-unknown = Эта ссылка-приглашение недействительна. Попросите администратора выдать новую.
officer-invite-used = Эта ссылка-приглашение уже использована. Каждая ссылка действует один раз — попросите новую.
officer-invite-expired = Срок действия этой ссылки-приглашения истёк. Попросите администратора выдать новую.
officer-disabled = Ваш доступ сотрудника отключён. Обратитесь к администратору ведомства.
officer-group-unknown-user = Вы не зарегистрированы как сотрудник этого ведомства, поэтому ваше сообщение не передано. Попросите ссылку-приглашение у администратора.

## Карточка обращения

card =
    📨 { $number } · { $kind }
    Ведомство: { $agency }
    Регион: { $region }
    Первый ответ до: { $first }
    Решение до: { $due } ({ $left })
card-redirected = Перенаправлено { $count } { $count ->
        [one] раз
        [few] раза
       *[many] раз
    }: { $path }
card-anonymous = Анонимное обращение: ответ уйдёт через защищённый канал, личность заявителя скрыта.
card-contact = Контакт (заявитель согласился его передать): { $phone }
card-attachments = Вложений: { $count } (пришлют ниже).
card-region-unknown = не указан
card-left = осталось { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }
card-overdue = просрочено на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }
card-assigned = Взято в работу.
btn-take = ✋ Взять
btn-reply = ✍ Ответить
btn-ask = ❓ Уточнить
btn-redirect = ↪ Перенаправить
btn-extend = ⏳ Продлить
btn-close = ✅ Закрыть
btn-send-anyway = Отправить как есть
btn-cancel-send = Не отправлять

## Действия

officer-taken = { $number } теперь у вас.
officer-reply-prompt = Напишите ответ по { $number } (текст, фото или документ) — он уйдёт заявителю.
officer-ask-prompt = Напишите, что нужно уточнить по { $number }, — вопрос уйдёт заявителю.
officer-answer-sent = Ответ по { $number } отправлен заявителю.
officer-question-sent = Вопрос по { $number } отправлен заявителю.
officer-redirect-choose = Куда перенаправить { $number }?
officer-redirect-reason = Почему { $number } передаётся в «{ $agency }»? Напишите причину — заявитель её увидит.
officer-redirected = { $number } передано в «{ $agency }».
officer-extend-reason = Продлить срок по { $number } на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    } (до { $due })? Напишите причину — заявителю сообщат.
officer-extended = Срок по { $number } продлён до { $due }.
officer-closed = { $number } закрыто.
officer-cancelled = Отменено.
officer-lang-check = Обращение { $number } написано на языке «{ $appeal }», а ваш ответ — похоже, на языке «{ $reply }». По закону ответ даётся на языке обращения. Отправить как есть?
officer-lang-ky = кыргызский
officer-lang-ru = русский
officer-follow-up = { $number }: заявитель дополнил обращение:
    { $text }
officer-follow-up-media = { $number }: заявитель прислал вложение (ниже).
officer-escalated-not-resolved = Эскалация: по { $number } заявитель ответил «Не решено». Обращение открыто снова.
officer-escalated-brush-off = Эскалация: ответ по { $number } заявитель отметил как отписку. Обращение открыто снова.
officer-help = Кнопки под карточкой: взять, ответить, уточнить, перенаправить, продлить, закрыть. Ответить можно и ответом (reply) на карточку. /queue — очередь: /queue mine, /queue unassigned, /queue overdue, /queue soon.

## Очередь

queue-empty = В очереди нет обращений.
queue-header = Обращений: { $count }
queue-line = { $number } · { $kind } · { $left }

## Отказы

refused-other-agency = { $number } — обращение другого ведомства. Вы можете работать только с обращениями своего.
refused-closed = { $number } уже не открыто — ответить или изменить его нельзя.
refused-not-now = Сейчас это действие для { $number } невозможно (статус: { $status }).
refused-already-extended = Срок по { $number } уже продлевался. Продлить можно только один раз.
refused-extension-limit = Такое продление выходит за предел, установленный законом.
refused-unknown-agency = Такого ведомства нет. Выберите из списка.
refused-reason-required = Нужна причина — напишите её одним сообщением.
refused-same-agency = Обращение уже в этом ведомстве.
refused-corruption-stays = Сообщение о коррупции остаётся в антикоррупционном органе.
refused-no-ticket = Не понял, к какому обращению это относится. Нажмите «Ответить» под карточкой или ответьте на карточку.
refused-empty-reply = Пустой ответ не отправлен. Напишите текст или пришлите файл.

## Заявителю: ответы ведомств

answer-frame =
    Ответ ведомства «{ $agency }» на обращение { $number }:

    { $text }
answer-frame-media = Ответ ведомства «{ $agency }» на обращение { $number } — во вложении ниже.
answer-rate = Оцените ответ или сообщите, если вопрос не решён.
question-frame =
    Ведомство «{ $agency }» уточняет по обращению { $number }:

    { $text }

    Ответить можно в «Мои обращения» → «Дополнить».
redirect-frame = Ваше обращение { $number } передано из «{ $from }» в «{ $to }». Причина: { $reason }
redirect-path = Путь обращения: { $path }
redirect-runaround = Обращение передавали уже { $count } { $count ->
        [one] раз
        [few] раза
       *[many] раз
    } — это учитывается в статистике как «хождение по кругу».
extend-frame = Срок ответа на обращение { $number } продлён до { $due }. Причина: { $reason }
btn-score = { $n } ⭐
btn-not-resolved = Не решено
btn-brush-off = Это отписка
verdict-rated = Спасибо за оценку!
verdict-not-resolved = Обращение { $number } снова открыто и передано руководителю ведомства.
verdict-brush-off = Ответ по { $number } отмечен как отписка. Обращение снова открыто и передано руководителю ведомства; это учитывается в статистике.
verdict-too-late = По { $number } это уже невозможно: ответ не ожидает оценки.
