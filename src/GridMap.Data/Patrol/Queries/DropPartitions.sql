SELECT officer_position_drop_partitions(@before);
