SELECT year FROM calendar_year ORDER BY year;
