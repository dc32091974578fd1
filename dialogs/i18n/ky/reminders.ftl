## Reminders, escalations and the daily digest to officers.

reminder-term-first-response = алгачкы жооп
reminder-term-resolution = маңызы боюнча жооп
reminder-due-soon =
    ⏰ { $number } кайрылуусу ({ $kind }): { $term } { $due } чейин берилиши керек, { $days ->
       *[other] { $days } иш күнү калды
    }.
reminder-overdue =
    ❗ Мөөнөт өттү: { $number } кайрылуусу ({ $kind }), { $term }. Мөөнөтү { $due } болчу, { $days ->
       *[other] { $days } күн өттү
    }.

## The daily digest

digest-header = { $date } карата кыскача: мөөнөтү өткөндөр — { $overdue }, мөөнөтү жакындагандар — { $soon }.
digest-line-overdue = • { $number }: { $term }, мөөнөтү өттү ({ $due })
digest-line-due = • { $number }: { $term }, { $due } чейин
