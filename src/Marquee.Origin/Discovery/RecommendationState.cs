namespace Marquee.Origin.Discovery;

/// <summary>
/// The one row saying which model is current (its version bumps on each rebuild, and every origin reloads on a new
/// one), what signals it was built from, and who is rebuilding now (a lease, so two origins do not rebuild at once).
/// </summary>
public sealed class RecommendationState
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public long Version { get; set; }

    public long BuiltAtMs { get; set; }

    /// <summary>The signals' stamp when the model was built: a rebuild is due when it differs from now's.</summary>
    public string Signals { get; set; } = "";

    public long LeaseUntilMs { get; set; }

    public string LeaseHolder { get; set; } = "";
}
