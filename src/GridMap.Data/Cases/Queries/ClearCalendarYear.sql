DELETE FROM calendar_day WHERE day >= @first AND day <= @last;
