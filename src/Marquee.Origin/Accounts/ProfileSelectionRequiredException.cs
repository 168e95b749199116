namespace Marquee.Origin.Accounts;

/// <summary>
/// The request has no profile to act as: none was chosen (or the chosen one is gone) and every profile of the account
/// is locked with a PIN. Answered 403 with the code <c>choose-profile</c>; choosing one with its PIN goes on.
/// </summary>
public sealed class ProfileSelectionRequiredException : Exception
{
    public const string Code = "choose-profile";

    public ProfileSelectionRequiredException()
        : base("Every profile of this account is locked: choose one with its PIN (POST /api/v1/profiles/{id}/select).")
    {
    }

    public ProfileSelectionRequiredException(string message)
        : base(message)
    {
    }

    public ProfileSelectionRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
