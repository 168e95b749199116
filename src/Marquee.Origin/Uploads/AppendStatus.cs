namespace Marquee.Origin.Uploads;

/// <summary>How a request that carried upload data ended.</summary>
internal enum AppendStatus
{
    /// <summary>The body was stored; more bytes are expected.</summary>
    Appended,

    /// <summary>The body stopped early (usually the client went away); what arrived is kept for resuming.</summary>
    BodyIncomplete,

    /// <summary>The body ran past Upload-Length; nothing of it was kept.</summary>
    TooMuchData,

    /// <summary>The last byte arrived and the completion handler accepted the upload.</summary>
    Completed,

    /// <summary>The last byte arrived and the completion handler refused the upload, which is deleted.</summary>
    Refused,

    /// <summary>The last byte arrived and the completion handler threw; the upload is deleted.</summary>
    CompletionFailed,
}
