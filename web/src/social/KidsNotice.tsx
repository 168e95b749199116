/** What a kids profile sees on the social pages: people are for adult profiles only. */
export function KidsNotice() {
  return (
    <main className="page" id="main">
      <h1>Not on a kids profile</h1>
      <p>Talking with other viewers is for adult profiles. Switch profile to see people, comments and the feed.</p>
    </main>
  );
}
