SELECT officer_position_ensure_partition(@day);
