using GridMap.Domain.Live;

namespace GridMap.UnitTests.Live;

public sealed class StopDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 1, 0, 0, TimeSpan.Zero);

    // About 1 m of latitude.
    private const double Metre = 1.0 / 111_195;

    /// <summary>Walks north from (lat, lon) at 1.2 m/s, one fix every 5 s.</summary>
    private static IEnumerable<TrackPoint> Walk(double lat, double lon, DateTimeOffset start, int fixes) =>
        Enumerable.Range(0, fixes).Select(i => new TrackPoint(lat + i * 6 * Metre, lon, start.AddSeconds(5 * i), 1.2));

    /// <summary>Stands at (lat, lon) with a few metres of GPS jitter, one fix every 10 s.</summary>
    private static IEnumerable<TrackPoint> Stand(double lat, double lon, DateTimeOffset start, TimeSpan duration)
    {
        var random = new Random(7);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromSeconds(10))
        {
            yield return new TrackPoint(lat + (random.NextDouble() - 0.5) * 8 * Metre, lon + (random.NextDouble() - 0.5) * 8 * Metre, start + t, 0);
        }
    }

    [Fact]
    public void A_dwell_longer_than_the_minimum_is_a_stop()
    {
        var walk1 = Walk(23.10, 114.40, T0, 60).ToList();
        var last = walk1[^1];
        var stand = Stand(last.Lat + 6 * Metre, last.Lon, last.Time.AddSeconds(5), TimeSpan.FromMinutes(8)).ToList();
        var walk2 = Walk(stand[^1].Lat + 6 * Metre, last.Lon, stand[^1].Time.AddSeconds(5), 60).ToList();

        var stops = StopDetector.Detect([.. walk1, .. stand, .. walk2], TimeSpan.FromMinutes(3), 30);

        var stop = Assert.Single(stops);
        // The stand, plus the last and first steps of the walks that are within the radius.
        Assert.InRange(stop.Minutes, 8, 9.5);
        Assert.InRange(GeoMath.DistanceMetres(stop.Lat, stop.Lon, stand[0].Lat, stand[0].Lon), 0, 15);
        Assert.InRange(stop.From, stand[0].Time.AddMinutes(-1), stand[0].Time);
    }

    [Fact]
    public void A_short_pause_is_not_a_stop()
    {
        var walk1 = Walk(23.10, 114.40, T0, 30).ToList();
        var stand = Stand(walk1[^1].Lat, 114.40, walk1[^1].Time.AddSeconds(5), TimeSpan.FromMinutes(2)).ToList();

        Assert.Empty(StopDetector.Detect([.. walk1, .. stand], TimeSpan.FromMinutes(3), 30));
    }

    [Fact]
    public void Walking_steadily_has_no_stops()
    {
        Assert.Empty(StopDetector.Detect(Walk(23.10, 114.40, T0, 500).ToList(), TimeSpan.FromMinutes(3), 30));
    }

    [Fact]
    public void Two_dwells_make_two_stops_and_a_silent_phone_in_place_counts_as_staying()
    {
        var first = Stand(23.10, 114.40, T0, TimeSpan.FromMinutes(5)).ToList();
        var walk = Walk(23.10, 114.40, first[^1].Time.AddSeconds(5), 40).ToList();
        // Two fixes 20 minutes apart at the same door: the phone was quiet inside.
        var door = walk[^1];
        TrackPoint[] quiet = [new(door.Lat + 5 * Metre, door.Lon, door.Time.AddSeconds(5)), new(door.Lat + 6 * Metre, door.Lon, door.Time.AddMinutes(20))];

        var stops = StopDetector.Detect([.. first, .. walk, .. quiet], TimeSpan.FromMinutes(3), 30);

        Assert.Equal(2, stops.Count);
        Assert.InRange(stops[0].Minutes, 5, 6);
        Assert.InRange(stops[1].Minutes, 20, 21);
    }

    [Fact]
    public void Unsorted_input_is_sorted_first_and_tiny_tracks_have_no_stops()
    {
        var stand = Stand(23.10, 114.40, T0, TimeSpan.FromMinutes(4)).Reverse().ToList();

        Assert.Single(StopDetector.Detect(stand, TimeSpan.FromMinutes(3), 30));
        Assert.Empty(StopDetector.Detect([], TimeSpan.FromMinutes(3), 30));
        Assert.Empty(StopDetector.Detect([new TrackPoint(23.1, 114.4, T0)], TimeSpan.FromMinutes(3), 30));
    }
}
