namespace Marquee.Origin.Discovery.Model;

/// <summary>
/// The implicit-feedback matrix: profiles × titles, each cell one confidence weight (<see cref="TitleSignals.Weight"/>).
/// Only positive weights are kept: dislikes steer a profile's own rows, they do not make titles similar. Stored twice,
/// by title and by profile, as compressed rows, since the similarity walks titles → profiles → titles.
/// </summary>
public sealed class TasteMatrix
{
    private readonly int[] _byTitleStart;
    private readonly int[] _byTitleProfile;
    private readonly float[] _byTitleWeight;
    private readonly int[] _byProfileStart;
    private readonly int[] _byProfileTitle;
    private readonly float[] _byProfileWeight;

    public TasteMatrix(int titles, int profiles, IReadOnlyList<(int Profile, int Title, float Weight)> cells)
    {
        Titles = titles;
        Profiles = profiles;
        var positive = cells.Where(c => c.Weight > 0).ToList();
        (_byTitleStart, _byTitleProfile, _byTitleWeight) = Compress(titles, positive.Select(c => (c.Title, c.Profile, c.Weight)));
        (_byProfileStart, _byProfileTitle, _byProfileWeight) = Compress(profiles, positive.Select(c => (c.Profile, c.Title, c.Weight)));
        Norms = new float[titles];
        for (var t = 0; t < titles; t++)
        {
            var sum = 0.0;
            foreach (var w in TitleWeights(t))
            {
                sum += w * w;
            }

            Norms[t] = (float)Math.Sqrt(sum);
        }
    }

    public int Titles { get; }

    public int Profiles { get; }

    /// <summary>Each title's Euclidean norm over its profiles' weights.</summary>
    public float[] Norms { get; }

    /// <summary>How many profiles like the title at all: the evidence behind its behavioural neighbours.</summary>
    public int Support(int title) => _byTitleStart[title + 1] - _byTitleStart[title];

    public ReadOnlySpan<int> TitleProfiles(int title) => _byTitleProfile.AsSpan(_byTitleStart[title], Support(title));

    public ReadOnlySpan<float> TitleWeights(int title) => _byTitleWeight.AsSpan(_byTitleStart[title], Support(title));

    public ReadOnlySpan<int> ProfileTitles(int profile) => _byProfileTitle.AsSpan(_byProfileStart[profile], _byProfileStart[profile + 1] - _byProfileStart[profile]);

    public ReadOnlySpan<float> ProfileWeights(int profile) => _byProfileWeight.AsSpan(_byProfileStart[profile], _byProfileStart[profile + 1] - _byProfileStart[profile]);

    private static (int[] Start, int[] Column, float[] Weight) Compress(int rows, IEnumerable<(int Row, int Column, float Weight)> cells)
    {
        var list = cells.ToList();
        var start = new int[rows + 1];
        foreach (var c in list)
        {
            start[c.Row + 1]++;
        }

        for (var r = 0; r < rows; r++)
        {
            start[r + 1] += start[r];
        }

        var next = start[..^1].ToArray();
        var column = new int[list.Count];
        var weight = new float[list.Count];
        foreach (var c in list)
        {
            var at = next[c.Row]++;
            column[at] = c.Column;
            weight[at] = c.Weight;
        }

        return (start, column, weight);
    }
}
