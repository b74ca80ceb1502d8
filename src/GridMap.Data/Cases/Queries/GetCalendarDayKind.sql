SELECT kind FROM calendar_day WHERE day = @day FOR UPDATE;
