SELECT level FROM grid
WHERE valid_to IS NULL AND code = @grid_code AND (@everything OR code LIKE ANY (@patterns));
