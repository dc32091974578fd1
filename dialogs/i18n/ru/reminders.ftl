## Reminders, escalations and the daily digest to officers.
