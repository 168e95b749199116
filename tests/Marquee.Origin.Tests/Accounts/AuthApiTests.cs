using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Tests.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MimeKit;

namespace Marquee.Origin.Tests.Accounts;

public sealed class AuthApiTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Register_confirm_sign_in_and_refresh_rotation_with_reuse_revoking_the_family()
    {
        var tokens = await RegisterAndSignInAsync("ada@example.com");

        using var me = await AuthorizedGetAsync("/api/v1/account", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var account = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ada@example.com", account.GetProperty("email").GetString());
        Assert.Equal(["viewer"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("free", account.GetProperty("plan").GetString());
        Assert.True(account.GetProperty("emailConfirmed").GetBoolean());
        Assert.InRange(account.GetProperty("createdAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        using var profiles = await AuthorizedGetAsync("/api/v1/profiles", tokens.AccessToken);
        var first = (await profiles.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().First();
        Assert.Equal(first.GetProperty("id").GetString(), account.GetProperty("profileId").GetString());

        var second = await RefreshAsync(tokens.RefreshToken);
        Assert.NotNull(second);
        Assert.NotEqual(tokens.RefreshToken, second.RefreshToken);

        // The first token comes back: stolen. The whole family dies, including the legitimate newer token.
        Assert.Null(await RefreshAsync(tokens.RefreshToken));
        Assert.Null(await RefreshAsync(second.RefreshToken));
    }

    [Fact]
    public async Task Registering_a_known_and_an_unknown_address_looks_the_same()
    {
        await RegisterAndSignInAsync("known@example.com");

        using var known = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "known@example.com", password = Password });
        using var unknown = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "unknown@example.com", password = Password });
        using var forgotKnown = await server.Http.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "known@example.com" });
        using var forgotUnknown = await server.Http.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(forgotKnown.StatusCode, forgotUnknown.StatusCode);
        Assert.Equal(await forgotKnown.Content.ReadAsStringAsync(), await forgotUnknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_reset_mail_links_to_the_web_page_and_also_shows_the_token_for_api_clients()
    {
        await RegisterAndSignInAsync("forgetful@example.com");
        using var forgot = await server.Http.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "forgetful@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);

        var link = new Uri(MailLink("forgetful@example.com", "Reset"));
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal("/reset-password", link.AbsolutePath);
        Assert.Equal("forgetful@example.com", query["email"]);
        Assert.Contains(query["token"], MailLines("forgetful@example.com", "Reset"));

        // What the page does with the link's query.
        using var reset = await server.Http.PostAsJsonAsync("/api/v1/auth/reset-password", new { email = query["email"], token = query["token"], newPassword = "a new long passphrase" });
        using var signIn = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = "forgetful@example.com", password = "a new long passphrase" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_unknown_address_and_unconfirmed_address_fail_alike()
    {
        await RegisterAndSignInAsync("grace@example.com");
        using (await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "unconfirmed@example.com", password = Password }))
        {
        }

        var answers = new List<string>();
        foreach (var (email, password) in new[] { ("grace@example.com", "wrong password!"), ("nobody@example.com", Password), ("unconfirmed@example.com", Password) })
        {
            using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            answers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        await RegisterAndSignInAsync("locked@example.com");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = "locked@example.com", password = $"wrong password {i}" });
        }

        using var right = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = "locked@example.com", password = Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
    }

    [Theory]
    [InlineData("password", "too common")]
    [InlineData("short", "at least 8")]
    [InlineData("123456789", "too common")]
    public async Task Weak_passwords_are_refused_with_a_field_message(string password, string message)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "weak@example.com", password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Long_passphrases_up_to_128_characters_are_accepted_and_longer_refused()
    {
        using var ok = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "long@example.com", password = new string('x', 60) + " a long passphrase " + new string('y', 40) });
        using var tooLong = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "long2@example.com", password = new string('z', 129) });

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\":\"not an address\",\"password\":\"correct horse battery\"}")]
    [InlineData("not json")]
    public async Task Malformed_registrations_get_a_problem_not_a_crash(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/api/v1/auth/register", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Tampered_unsigned_and_expired_tokens_are_refused()
    {
        var tokens = await RegisterAndSignInAsync("mallory@example.com");
        var parts = tokens.AccessToken.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
        var key = server.App.Services.GetRequiredService<SigningKey>();
        var sub = new JsonWebToken(tokens.AccessToken).Subject;
        var stamp = new JsonWebToken(tokens.AccessToken).GetClaim(TokenService.StampClaim).Value;
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", sub), new Claim(TokenService.StampClaim, stamp)]),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });

        foreach (var token in new[] { tampered, unsigned, expired, "garbage" })
        {
            using var response = await AuthorizedGetAsync("/api/v1/account", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_live_access_and_refresh_tokens()
    {
        var tokens = await RegisterAndSignInAsync("leaving@example.com");
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/sign-out-everywhere");
        signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var done = await server.Http.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        using var me = await AuthorizedGetAsync("/api/v1/account", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Null(await RefreshAsync(tokens.RefreshToken));
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_keeps_this_one()
    {
        var laptop = await RegisterAndSignInAsync("mover@example.com");
        var phone = await SignInAsync("mover@example.com");
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/password")
        {
            Content = JsonContent.Create(new { currentPassword = Password, newPassword = "a brand new passphrase" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", laptop.AccessToken);

        using var changed = await server.Http.SendAsync(change);
        var fresh = await changed.Content.ReadFromJsonAsync<TokenPair>();

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var phoneNow = await AuthorizedGetAsync("/api/v1/account", phone.AccessToken);
        using var laptopNow = await AuthorizedGetAsync("/api/v1/account", fresh!.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneNow.StatusCode);
        Assert.Null(await RefreshAsync(phone.RefreshToken));
        Assert.Equal(HttpStatusCode.OK, laptopNow.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Secrets_in_the_data_directory_are_readable_by_the_owner_only()
    {
        await RegisterAndSignInAsync("secrets@example.com");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.DataPath, "token-signing-key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(server.DataPath, "keys")));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_live_session()
    {
        var tokens = await RegisterAndSignInAsync("disabled@example.com");
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
            var user = (await users.FindByEmailAsync("disabled@example.com"))!;
            user.Disabled = true;
            await users.UpdateAsync(user);
        }

        using var me = await AuthorizedGetAsync("/api/v1/account", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Null(await RefreshAsync(tokens.RefreshToken));
    }

    [Fact]
    public async Task Passwords_are_stored_as_pbkdf2_sha512_with_210000_iterations_and_old_hashes_are_upgraded()
    {
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
            var old = new MarqueeUser { UserName = "old@example.com", Email = "old@example.com", EmailConfirmed = true };
            old.PasswordHash = new PasswordHasher<MarqueeUser>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(old, Password);
            Assert.True((await users.CreateAsync(old)).Succeeded);
            Assert.Equal(10_000, Iterations(old.PasswordHash));
        }

        await SignInAsync("old@example.com");

        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
            var hash = (await users.FindByEmailAsync("old@example.com"))!.PasswordHash!;
            Assert.Equal(1, Convert.FromBase64String(hash)[0]);
            Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(1)));
            Assert.Equal(210_000, Iterations(hash));
        }
    }

    [Fact]
    public async Task The_first_admin_is_made_with_the_cli_reading_the_password_from_standard_input()
    {
        using var cli = MarqueeCli.Start(["user", "add", "root@example.com", "--admin", "--data", server.DataPath]);
        await cli.StandardInput.WriteLineAsync(Password);
        cli.StandardInput.Close();
        var id = (await cli.StandardOutput.ReadToEndAsync()).Trim();
        await cli.WaitForExitAsync();

        Assert.Equal(0, cli.ExitCode);
        Assert.Matches("^[0-9a-f-]{36}$", id);
        var tokens = await SignInAsync("root@example.com");
        using var me = await AuthorizedGetAsync("/api/v1/account", tokens.AccessToken);
        var roles = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order();
        Assert.Equal(["admin", "viewer"], roles);
    }

    private static int Iterations(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5));

    private async Task<TokenPair> RegisterAndSignInAsync(string email)
    {
        using var registered = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var link = new Uri(MailLink(email, "Confirm"));
        Assert.Equal("/confirm", link.AbsolutePath);
        // The link opens the web app's page, which confirms through the API with the link's query.
        using var confirmed = await server.Http.GetAsync("/api/v1/auth/confirm" + link.Query);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await SignInAsync(email);
    }

    private async Task<TokenPair> SignInAsync(string email)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    private async Task<TokenPair?> RefreshAsync(string refreshToken)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<TokenPair>() : null;
    }

    private async Task<HttpResponseMessage> AuthorizedGetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Http.SendAsync(request);
    }

    private string MailLink(string email, string subjectStart) => MailLines(email, subjectStart).Single(l => l.StartsWith("http", StringComparison.Ordinal));

    private string[] MailLines(string email, string subjectStart)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(server.DataPath, "mail"), "*.eml").Order())
        {
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => m.Address == email) && (message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal))
            {
                return [.. (message.TextBody ?? "").Split('\n').Select(l => l.Trim())];
            }
        }

        throw new InvalidOperationException($"no '{subjectStart}' mail for {email}");
    }
}
