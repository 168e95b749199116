using Marquee.Origin.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Uploads;

public sealed class UploadOptionsTests
{
    [Theory]
    [InlineData(null, "/tmp/x", "1", "AdminKey")]
    [InlineData("  ", "/tmp/x", "1", "AdminKey")]
    [InlineData("short-key", "/tmp/x", "1", "at least 16 characters")]
    [InlineData("a-long-enough-admin-key", null, "1", "Folder")]
    [InlineData("a-long-enough-admin-key", "/tmp/x", "0", "MaxSizeBytes")]
    [InlineData("a-long-enough-admin-key", "/tmp/x", "-3", "MaxSizeBytes")]
    public async Task The_host_does_not_start_with_invalid_settings(string? adminKey, string? folder, string maxSize, string expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uploads:AdminKey"] = adminKey,
            ["Uploads:Folder"] = folder,
            ["Uploads:MaxSizeBytes"] = maxSize,
        });
        builder.Services.AddUploads(builder.Configuration);
        builder.Services.AddSingleton<IUploadCompletionHandler, TestCompletionHandler>();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Defaults_are_20_GiB_and_24_hours()
    {
        var options = new UploadOptions();

        Assert.Equal(20L * 1024 * 1024 * 1024, options.MaxSizeBytes);
        Assert.Equal(TimeSpan.FromHours(24), options.Expiration);
    }

    [Fact]
    public async Task Mapping_the_api_without_a_completion_handler_fails_at_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddUploads(builder.Configuration);
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapUploadsApi());

        Assert.Contains(nameof(IUploadCompletionHandler), error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(500)]
    public void A_refusal_must_be_415_or_422(int status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UploadCompletionResult.Refused(status, "t", "d"));

    [Fact]
    public void A_title_location_cannot_split_a_header() =>
        Assert.Throws<ArgumentException>(() => UploadCompletionResult.Accepted("/api/v1/titles/1\r\nSet-Cookie: x=1"));
}
