using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;

namespace Marquee.Origin.Community;

/// <summary>Who is acting: where they are and what they may watch, their profile, and its public face if it has one.</summary>
internal sealed record SocialActor(Viewer Viewer, Profile Profile, SocialProfile? Face, bool IsModerator)
{
    public string ProfileId => Profile.Id;

    public string UserId => Profile.UserId;
}
