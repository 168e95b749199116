using Marquee.Origin.Uploads;

namespace Marquee.Origin.Tests.Uploads;

internal sealed record ReceivedUpload(CompletedUpload Upload, string Sha256, long FileLength);
