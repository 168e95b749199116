using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Linux <c>sendfile(2)</c>: page-cache pages go to the socket without being copied through the process. .NET
/// has it only as <see cref="Socket.SendPacketsAsync"/>, which wants a <see cref="FileStream"/> and allocates a
/// task, a completion source and a closure per call; the call itself is one line, so it is made directly. The
/// socket is non-blocking (the runtime made it so for Kestrel's receives), so a full socket buffer returns
/// <see cref="WouldBlock"/> rather than blocking the thread.
/// </summary>
internal static partial class SendFile
{
    public const long WouldBlock = -2;

    private const int EAGAIN = 11;
    private const int EINTR = 4;

    /// <summary>Bytes sent (0: the file ended early), <see cref="WouldBlock"/>, or -1 for any other failure (the peer left).</summary>
    public static long Send(Socket socket, SafeFileHandle file, ref long offset, long count)
    {
        var added = false;
        var fileAdded = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            file.DangerousAddRef(ref fileAdded);
            while (true)
            {
                var sent = Native(
                    (int)socket.SafeHandle.DangerousGetHandle(), (int)file.DangerousGetHandle(), ref offset, (nuint)Math.Min(count, 1L << 30));
                if (sent >= 0)
                {
                    return sent;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                {
                    return errno == EAGAIN ? WouldBlock : -1;
                }
            }
        }
        finally
        {
            if (fileAdded)
            {
                file.DangerousRelease();
            }

            if (added)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint Native(int outFd, int inFd, ref long offset, nuint count);
}
