using Microsoft.Extensions.Options;

namespace Marquee.Media.Probing;

/// <summary>
/// The whole check a source goes through before any transcoding: size on disk, then ffprobe under the
/// whitelists, then the limits. Throws <see cref="InputRefusedException"/> with a specific reason.
/// </summary>
public sealed class InputInspector(MediaProbe probe, InputValidator validator, IOptions<InputLimits> limits)
{
    public async Task<SourceInfo> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = new FileInfo(path).Length;
        if (bytes == 0)
        {
            throw new InputRefusedException(InputRefusal.Empty());
        }

        if (bytes > limits.Value.MaxBytes)
        {
            throw new InputRefusedException(InputRefusal.TooLarge(bytes, limits.Value.MaxBytes));
        }

        var result = await probe.ProbeAsync(path, cancellationToken);
        return validator.Validate(result, bytes);
    }
}
