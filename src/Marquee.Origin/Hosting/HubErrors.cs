using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Hosting;

/// <summary>
/// Logs what goes wrong in a hub method, except a <see cref="HubException"/>: that is a refusal meant for the caller
/// ("Slow down…", "Only the host…"), not a fault. SignalR's own dispatcher logs every exception as an error with its
/// stack, so its category is quietened in appsettings.json and this filter logs the real faults instead.
/// </summary>
internal sealed partial class HubErrors(ILogger<HubErrors> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogFailed(logger, e, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string hub, string method);
}
