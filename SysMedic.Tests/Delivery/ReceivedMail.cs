using MimeKit;

namespace SysMedic.Tests.Delivery;

/// <summary>A message the test SMTP server accepted, with what the session looked like.</summary>
internal sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients, bool Secure, string? User);
