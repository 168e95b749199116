using Microsoft.AspNetCore.Identity;

namespace Marquee.Origin.Accounts;

/// <summary>At most <see cref="MaxLength"/> characters, not a common password, not the email address itself.</summary>
internal sealed class PasswordPolicyValidator : IPasswordValidator<MarqueeUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<MarqueeUser> manager, MarqueeUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords are at most {MaxLength} characters." }));
        }

        if (CommonPasswords.All.Contains(password) || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common; choose another." }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
