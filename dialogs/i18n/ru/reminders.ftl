## Reminders, escalations and the daily digest to officers.

reminder-term-first-response = первый ответ
reminder-term-resolution = ответ по существу
reminder-due-soon =
    ⏰ Обращение { $number } ({ $kind }): { $term } — до { $due }, { $days ->
        [one] остался { $days } рабочий день
        [few] осталось { $days } рабочих дня
       *[many] осталось { $days } рабочих дней
    }.
reminder-overdue =
    ❗ Просрочено: обращение { $number } ({ $kind }), { $term }. Срок был { $due }, прошло { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }.

## The daily digest

digest-header = Сводка на { $date }: просрочено — { $overdue }, срок подходит — { $soon }.
digest-line-overdue = • { $number }: { $term } просрочен (срок был { $due })
digest-line-due = • { $number }: { $term } — до { $due }
