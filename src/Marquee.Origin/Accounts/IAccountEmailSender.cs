namespace Marquee.Origin.Accounts;

/// <summary>Delivers account email: SMTP when configured, otherwise a pickup folder in the data directory.</summary>
public interface IAccountEmailSender
{
    Task SendAsync(AccountEmail email, CancellationToken cancellationToken);
}
