using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

/// <summary>
/// The checks every tus request but OPTIONS goes through before its handler runs (and before its body is read):
/// an administrator (the admin role, signed in through the browser or a bearer token) or the admin key, then the
/// protocol version. It also stamps Tus-Resumable on every answer, errors included.
/// </summary>
internal sealed class TusRequestFilter(IOptions<UploadOptions> options) : IEndpointFilter
{
    // Comparing digests rather than the keys makes the comparison constant-time in the key's length too.
    private readonly byte[] _adminKeyDigest = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers[UploadHeaders.TusResumable] = UploadHeaders.Version;

        var keys = request.Headers[UploadHeaders.AdminKey];
        var admin = context.HttpContext.User.IsInRole(Accounts.Roles.Admin);
        if (keys.Count == 0 && !admin)
        {
            return UploadProblems.MissingAdminKey();
        }

        if (keys.Count > 1 || (keys.Count == 1 && !IsAdminKey(keys[0])))
        {
            return UploadProblems.WrongAdminKey();
        }

        var version = request.Headers[UploadHeaders.TusResumable];
        if (version.Count != 1 || version[0] != UploadHeaders.Version)
        {
            response.Headers[UploadHeaders.TusVersion] = UploadHeaders.Version;
            return UploadProblems.UnsupportedVersion(version.ToString());
        }

        return await next(context);
    }

    private bool IsAdminKey(string? sent) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent ?? "")), _adminKeyDigest);
}
