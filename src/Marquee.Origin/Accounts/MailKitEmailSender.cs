using MailKit.Net.Smtp;
using MailKit.Security;
using Marquee.Origin.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Writes account email as RFC 5322 messages with MimeKit and either sends them over SMTP (MailKit, STARTTLS when
/// offered) or drops them as <c>.eml</c> files in the pickup folder, so an installation without a mail server can
/// still finish sign-up (open the file, follow the link).
/// </summary>
internal sealed class MailKitEmailSender(IOptions<EmailOptions> options, DataDirectory data) : IAccountEmailSender
{
    public string PickupFolder => options.Value.PickupFolder ?? Path.Combine(data.Root, "mail");

    public async Task SendAsync(AccountEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };

        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            Directory.CreateDirectory(PickupFolder);
            var path = Path.Combine(PickupFolder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Ids.New()}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
