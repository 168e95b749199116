namespace Marquee.Origin.Accounts;

/// <summary>No payment: a private deployment lets members choose any plan.</summary>
internal sealed class BuiltInPaymentProvider : IPaymentProvider
{
    public Task<bool> AuthorizePlanChangeAsync(MarqueeUser user, Plan current, Plan requested, CancellationToken cancellationToken) => Task.FromResult(true);
}
