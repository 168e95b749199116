using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

/// <summary>Refuses to start the host with upload settings that would make the endpoint open or useless.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public const int MinAdminKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            failures.Add("Uploads:AdminKey must be set: uploads are admin-only until accounts exist.");
        }
        else if (options.AdminKey.Trim().Length < MinAdminKeyLength)
        {
            // The generated key has 48; a short configured one could be guessed.
            failures.Add($"Admin:Key (Uploads:AdminKey) must be at least {MinAdminKeyLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add("Uploads:Folder must be set to the folder that holds partial uploads.");
        }

        if (options.MaxSizeBytes <= 0)
        {
            failures.Add("Uploads:MaxSizeBytes must be positive.");
        }

        if (options.Expiration <= TimeSpan.Zero)
        {
            failures.Add("Uploads:Expiration must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
