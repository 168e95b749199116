namespace Marquee.Media.Probing;

/// <summary>A source was refused before transcoding; <see cref="Reason"/> says which rule and why.</summary>
public sealed class InputRefusedException(InputRefusal reason) : Exception(reason.Detail)
{
    public InputRefusal Reason { get; } = reason;
}
