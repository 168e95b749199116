namespace Marquee.Origin.Accounts;

public sealed record ChangePlanRequest(string? PlanId);

public sealed record PlanUpdate(string? Name, bool? FullCatalog, int? MaxHeight, int? MaxStreams, int? DownloadDevices, int? PriceCentsPerMonth);
