namespace Marquee.Origin.Accounts;

/// <summary>
/// The seam for charging for a plan change. A card processor implements it later; the built-in provider, for
/// private deployments, grants every change at once.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Returns whether the change is paid for and may take effect now.</summary>
    Task<bool> AuthorizePlanChangeAsync(MarqueeUser user, Plan current, Plan requested, CancellationToken cancellationToken);
}
