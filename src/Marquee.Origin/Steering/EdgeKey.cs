using System.Security.Cryptography;
using System.Text;
using Marquee.Edge.Tokens;
using Marquee.Origin.Hosting;

namespace Marquee.Origin.Steering;

/// <summary>
/// The cluster's shared secret for edges: they present it (as <c>Authorization: Bearer …</c>) to register, to
/// heartbeat, and to pull media without a viewer's token. From <c>Steering:EdgeKey</c>, or generated once into the
/// data directory (<c>edge-key</c>), which is where <c>./marquee up</c> reads it for its edges.
/// </summary>
public sealed class EdgeKey
{
    public const string FileName = "edge-key";

    private readonly byte[] expected;

    public EdgeKey(InstallationSecrets secrets, string? configured)
    {
        var value = !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : secrets.LoadOrCreate(FileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Trim();
        if (value.Length < 32)
        {
            throw new InvalidOperationException("Steering:EdgeKey must be at least 32 characters.");
        }

        expected = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>Whether an Authorization header carries the edge key, compared in constant time.</summary>
    public bool Matches(string? authorization) => EdgeCredential.Matches(authorization, expected);
}
