using System.Globalization;
using CsCheck;
using Omk.Cli.Arguments;

namespace Omk.Cli.Tests.Arguments;

/// <summary>Properties of the command line's value parsers over generated input.</summary>
public sealed class ArgumentPropertyTests
{
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["0123456789hmsHMS -+.:TZ"], 0, 24]);

    [Fact]
    public void DurationTryParse_AnyText_NeverThrows() =>
        AnyText.Sample(text => Duration.TryParse(text, out _) || true);

    [Fact]
    public void DurationTryParse_HoursMinutesSeconds_IsTheirSumInSeconds() =>
        Gen.Select(Gen.UInt[0, 1_000_000], Gen.UInt[0, 1_000_000], Gen.UInt[0, 1_000_000]).Sample((hours, minutes, seconds) =>
        {
            var parsed = Duration.TryParse($"{hours}h{minutes}m{seconds}s", out var total);
            return parsed && total == (hours * 3600UL) + (minutes * 60UL) + seconds;
        });

    [Fact]
    public void MomentTryParse_AnyText_NeverThrows() =>
        AnyText.Sample(text => Moment.TryParse(text, TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch, out _, out _) || true);

    [Fact]
    public void MomentTryParse_RoundTripTimestamp_IsTheSameInstant() =>
        Gen.DateTime[new DateTime(1, 1, 2), new DateTime(9999, 12, 30)].Sample(moment =>
        {
            var utc = new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc));
            var parsed = Moment.TryParse(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch, out var value, out var isDate);
            return parsed && !isDate && value == utc && value.Offset == TimeSpan.Zero;
        });
}
