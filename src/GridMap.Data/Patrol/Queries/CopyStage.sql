COPY position_stage (device_id, officer_id, time, lat, lon, speed_mps, heading, altitude, accuracy, battery, received_at)
FROM STDIN (FORMAT BINARY)
