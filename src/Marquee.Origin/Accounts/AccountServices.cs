using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Marquee.Origin.Accounts;

/// <summary>Registers accounts: Identity and tokens for every process, authentication and rate limits for the web origin.</summary>
public static class AccountServices
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512 (Identity's V3 format uses SHA-512).</summary>
    public const int PasswordHashIterations = 210_000;

    public static IServiceCollection AddAccountsCore(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        // Keys for confirmation and reset tokens and the session cookie, shared by the origin and the CLI through
        // the data directory. They are not encrypted at rest (Linux has no DPAPI), so only the owner may read them.
        var keys = data.Keys;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var protection = services.AddDataProtection().SetApplicationName("marquee");
        if (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() is { IsPostgres: true })
        {
            // Several origins, one key ring: a cookie or a passkey ceremony begun on one origin is read on another.
            protection.PersistKeysToDbContext<MarqueeDbContext>();
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        services.AddIdentityCore<MarqueeUser>(o =>
            {
                // Sessions name the account in "sub" (JWT convention), so UserManager.GetUserAsync finds it.
                o.ClaimsIdentity.UserIdClaimType = JwtRegisteredClaimNames.Sub;
                o.ClaimsIdentity.SecurityStampClaimType = TokenService.StampClaim;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = PasswordPolicyValidator.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MarqueeDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicyValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.LockoutAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        // Passkeys: discoverable credentials only, so sign-in needs no email and reveals none.
        services.TryAddScoped<IPasskeyHandler<MarqueeUser>, PasskeyHandler<MarqueeUser>>();
        services.Configure<IdentityPasskeyOptions>(o => o.ResidentKeyRequirement = "required");
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton(sp => new SigningKey(sp.GetRequiredService<InstallationSecrets>(), configuration["Accounts:SigningKey"]));
        services.AddSingleton<IAccountEmailSender, MailKitEmailSender>();
        services.AddScoped<TokenService>();
        services.AddScoped<UserSessions>();
        services.AddSingleton<SessionCheckCache>();
        services.AddScoped<ProfileService>();
        services.AddSingleton<AccountRateLimiter>();
        services.AddScoped<Entitlements.EntitlementService>();
        services.AddScoped<Entitlements.StreamLeases>();
        services.AddSingleton<IPaymentProvider, BuiltInPaymentProvider>();
        return services;
    }

    public static IServiceCollection AddAccountsWeb(this IServiceCollection services)
    {
        // One default scheme that forwards: a bearer token means an API client, anything else the browser cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "marquee";
                o.DefaultChallengeScheme = "marquee";
            })
            .AddPolicyScheme("marquee", "Bearer token or browser session", o =>
                o.ForwardDefaultSelector = context => BrowserSessions.UsesCookie(context) ? BrowserSessions.Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie(BrowserSessions.Scheme, o =>
            {
                o.Cookie.Name = BrowserSessions.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = BrowserSessions.Lifetime;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403; it never redirects to a login page.
                    OnRedirectToLogin = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    },
                    OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                    OnValidatePrincipal = async context =>
                    {
                        if (!await IsSessionCurrentAsync(context.HttpContext, context.Principal))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(BrowserSessions.Scheme);
                        }
                    },
                };
            });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = BrowserSessions.AntiforgeryHeader;
            o.Cookie.Name = BrowserSessions.AntiforgeryCookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKey>((o, key) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = TokenService.ValidationParameters(key);
            o.Events = new JwtBearerEvents
            {
                // Other bearer secrets (the edge key on every heartbeat, the admin key) are no JWT: answering "no token"
                // at once spares parsing them as one, which fails with an exception on each request.
                OnMessageReceived = context =>
                {
                    if (!LooksLikeJwt(context.Request.Headers.Authorization))
                    {
                        context.NoResult();
                    }

                    return Task.CompletedTask;
                },
                // A token outlives nothing: sign-out everywhere, a password change or disabling renews the stamp.
                OnTokenValidated = async context =>
                {
                    if (!await IsSessionCurrentAsync(context.HttpContext, context.Principal))
                    {
                        context.Fail("The session has ended.");
                    }
                },
            };
        });
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthApi.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.AuthRequestsPerMinute;
                return SharedLimits.Partition(context, AuthApi.RateLimitPolicy, SharedLimits.ClientKey(context), perMinute, TimeSpan.FromMinutes(1),
                    () => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Too many {RejectedWhat(context.HttpContext)} requests from this address; try again in {Math.Ceiling(retry.TotalSeconds)} seconds." },
                });
            };
        });
        return services;
    }

    /// <summary>What the refused request was, in the words of its rate limit's policy.</summary>
    private static string RejectedWhat(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
        {
            AuthApi.RateLimitPolicy => "sign-in",
            "search" => "search",
            "uploads" => "upload",
            _ => "",
        };

    /// <summary>
    /// One check for bearer tokens and cookies alike: the account still exists, is enabled, its security stamp is the
    /// one the session was issued with (sign-out everywhere, password change and disabling renew it), and the sign-in
    /// itself (the "sid" claim) was not revoked. Cookies and tokens issued before sessions existed carry no "sid"; the
    /// stamp alone decides for them, and they are replaced by ones that do at the next sign-in or refresh.
    /// </summary>
    private static Task<bool> IsSessionCurrentAsync(HttpContext http, ClaimsPrincipal? principal) =>
        IsSessionCurrentAsync(http.RequestServices, principal, http.RequestAborted);

    /// <summary>
    /// Whether the sign-in behind <paramref name="principal"/> still stands: the account exists and is enabled, its
    /// security stamp is the one signed into the token or cookie, and its session was not revoked. Checked on every
    /// request, and now and then on long-lived connections (a watch party's), which authenticate only once.
    /// </summary>
    internal static async Task<bool> IsSessionCurrentAsync(IServiceProvider services, ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal is null)
        {
            return false;
        }

        var users = services.GetRequiredService<UserManager<MarqueeUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is not { Disabled: false } || user.SecurityStamp != principal.FindFirst(TokenService.StampClaim)?.Value)
        {
            return false;
        }

        return principal.FindFirst(TokenService.SessionClaim)?.Value is not { } sessionId
            || await services.GetRequiredService<UserSessions>().IsActiveAsync(user.Id, sessionId, cancellationToken);
    }

    /// <summary>Whether the Authorization header is a bearer token of a JWT's shape: three base64url parts joined by dots.</summary>
    internal static bool LooksLikeJwt(string? authorization)
    {
        const string Prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization.AsSpan(Prefix.Length).Trim();
        return token.Count('.') == 2;
    }

    /// <summary>Creates the roles on a new database.</summary>
    public static async Task SeedRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Roles.Viewer, Roles.Admin })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                try
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
                catch (Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    // Another origin starting at the same moment made it; anything else is a real failure.
                    if (!await roles.RoleExistsAsync(role))
                    {
                        throw;
                    }
                }
            }
        }
    }
}
