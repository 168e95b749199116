using Marquee.Origin.Community;

namespace Marquee.Origin.Parties;

/// <summary>What a party accepts from its members.</summary>
public static class PartyRules
{
    public const int MaxChat = 500;

    public const double MinRate = 0.5;

    public const double MaxRate = 2;

    /// <summary>Longest playback position accepted, in seconds (a day; no film is longer).</summary>
    public const double MaxPosition = 86_400;

    public static readonly IReadOnlyList<string> Reactions = ["👍", "❤️", "😂", "😮", "😢", "👏"];

    public static string? ChatError(string? text) => SocialRules.LineError("A chat message", text, MaxChat, required: true);

    public static string? PositionError(double? position) =>
        position is null || (double.IsFinite(position.Value) && position.Value is >= 0 and <= MaxPosition)
            ? null
            : $"A position is a number of seconds from 0 to {MaxPosition:0}.";

    public static string? RateError(double rate) =>
        double.IsFinite(rate) && rate is >= MinRate and <= MaxRate ? null : $"A playback rate is from {MinRate} to {MaxRate}.";
}
