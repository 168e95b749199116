using Marquee.Media.Storage;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Hosting;

/// <summary>Reports each storage setting problem in words at start-up.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = ObjectStoreFactory.Validate(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
