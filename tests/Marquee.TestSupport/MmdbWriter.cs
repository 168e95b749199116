using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;

namespace Marquee.TestSupport;

/// <summary>
/// Writes small MaxMind DB (format 2.0) country databases, so the real MaxMind readers can be tested without a
/// GeoLite2 download. IPv6 tree, 24-bit records, IPv4 at ::/96 and aliased from ::ffff:0:0/96 as MaxMind's own
/// files do; each network's record is the GeoIP2 shape <c>{country: {iso_code, names: {en}}}</c>, which is what
/// both CountryResponse and CityResponse read the country from.
/// </summary>
public static class MmdbWriter
{
    private const int RecordBits = 24;

    // The data section starts after the tree and 16 zero bytes; the reader finds the metadata by the last marker.
    private const int DataSectionSeparator = 16;

    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    // A fixed build time, so the same entries always give the same bytes.
    private const ulong BuildEpoch = 1_735_689_600;

    /// <param name="countries">CIDR networks (IPv4 or IPv6) with the ISO code and English name answered inside them; the most specific network wins.</param>
    /// <param name="databaseType">The metadata's database_type: GeoIP2's readers accept a lookup only if it names the method (Country, City).</param>
    public static void Write(string path, IEnumerable<(string Network, string IsoCode, string Name)> countries, string databaseType = "GeoLite2-Country") =>
        File.WriteAllBytes(path, Build(countries, databaseType));

    public static byte[] Build(IEnumerable<(string Network, string IsoCode, string Name)> countries, string databaseType = "GeoLite2-Country")
    {
        // Data first: one record per country, shared by every network that answers it.
        using var data = new MemoryStream();
        var leaves = new Dictionary<string, Leaf>(StringComparer.Ordinal);
        var root = new Node();
        var networks = countries.Select(c => (Bits: Bits(c.Network, out var prefix), Prefix: prefix, c.IsoCode, c.Name))
            .OrderBy(n => n.Prefix); // broad first, so a more specific network splits it rather than being overwritten
        foreach (var (bits, prefix, isoCode, name) in networks)
        {
            if (!leaves.TryGetValue(isoCode, out var leaf))
            {
                leaves[isoCode] = leaf = new Leaf((int)data.Position);
                Encode(data, Map(("country", Map(("iso_code", isoCode), ("names", Map(("en", name)))))));
            }

            Insert(root, bits, prefix, leaf);
        }

        AliasMappedIPv4(root);

        // Number the nodes breadth first from the root (node 0); the alias makes the tree a DAG, so visit each once.
        var numbers = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance) { [root] = 0 };
        var order = new List<Node> { root };
        for (var i = 0; i < order.Count; i++)
        {
            foreach (var child in order[i].Children.OfType<Node>().Where(c => !numbers.ContainsKey(c)))
            {
                numbers[child] = order.Count;
                order.Add(child);
            }
        }

        // A record is a node number, node_count for "no data", or node_count + 16 + the offset into the data section.
        var nodeCount = order.Count;
        if (nodeCount + DataSectionSeparator + data.Length >= 1 << RecordBits)
        {
            throw new ArgumentException("Too many networks for 24-bit records.", nameof(countries));
        }

        using var file = new MemoryStream();
        foreach (var node in order)
        {
            foreach (var child in node.Children)
            {
                var record = child switch
                {
                    Node next => numbers[next],
                    Leaf leaf => nodeCount + DataSectionSeparator + leaf.Offset,
                    _ => nodeCount,
                };
                file.Write([(byte)(record >> 16), (byte)(record >> 8), (byte)record]);
            }
        }

        file.Write(new byte[DataSectionSeparator]);
        data.WriteTo(file);
        file.Write(MetadataMarker);
        Encode(file, Map(
            ("node_count", (uint)nodeCount),
            ("record_size", (ushort)RecordBits),
            ("ip_version", (ushort)6),
            ("database_type", databaseType),
            ("languages", new object[] { "en" }),
            ("binary_format_major_version", (ushort)2),
            ("binary_format_minor_version", (ushort)0),
            ("build_epoch", BuildEpoch),
            ("description", Map(("en", "Marquee test database")))));
        return file.ToArray();
    }

    /// <summary>The network as 128 bits (IPv4 inside ::/96, where readers of IPv6 trees look it up) and its prefix length.</summary>
    private static byte[] Bits(string network, out int prefix)
    {
        var parsed = IPNetwork.Parse(network);
        if (parsed.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            prefix = parsed.PrefixLength + 96;
            return [.. new byte[12], .. parsed.BaseAddress.GetAddressBytes()];
        }

        prefix = parsed.PrefixLength;
        return prefix > 0 ? parsed.BaseAddress.GetAddressBytes() : throw new ArgumentException("::/0 has no record to hold it.", nameof(network));
    }

    private static int Bit(byte[] address, int index) => (address[index >> 3] >> (7 - (index & 7))) & 1;

    /// <summary>Sets the record that <paramref name="prefix"/> bits of <paramref name="address"/> lead to.</summary>
    private static void Insert(Node root, byte[] address, int prefix, object value)
    {
        var node = root;
        for (var i = 0; i < prefix - 1; i++)
        {
            var bit = Bit(address, i);
            if (node.Children[bit] is not Node next)
            {
                // Going below a broader network's record: both halves keep its answer until overwritten.
                next = new Node();
                next.Children[0] = next.Children[1] = node.Children[bit];
                node.Children[bit] = next;
            }

            node = next;
        }

        node.Children[Bit(address, prefix - 1)] = value;
    }

    /// <summary>
    /// MaxMind's databases point ::ffff:0:0/96 at the IPv4 subtree, so IPv4-mapped IPv6 addresses (as a dual-stack
    /// socket reports them) find their country too.
    /// </summary>
    private static void AliasMappedIPv4(Node root)
    {
        object? ipv4 = root;
        for (var i = 0; i < 96 && ipv4 is Node node; i++)
        {
            ipv4 = node.Children[0];
        }

        if (ipv4 is not null)
        {
            Insert(root, IPAddress.Parse("::ffff:0:0").GetAddressBytes(), 96, ipv4);
        }
    }

    private static Dictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>The data-section encoding of the few types these databases hold.</summary>
    private static void Encode(Stream output, object value)
    {
        switch (value)
        {
            case string text:
                var bytes = Encoding.UTF8.GetBytes(text);
                Control(output, 2, bytes.Length);
                output.Write(bytes);
                break;
            case ushort number:
                Unsigned(output, 5, number);
                break;
            case uint number:
                Unsigned(output, 6, number);
                break;
            case ulong number:
                Unsigned(output, 9, number);
                break;
            case Dictionary<string, object> map:
                Control(output, 7, map.Count);
                foreach (var (key, item) in map)
                {
                    Encode(output, key);
                    Encode(output, item);
                }

                break;
            case object[] array:
                Control(output, 11, array.Length);
                foreach (var item in array)
                {
                    Encode(output, item);
                }

                break;
            default:
                throw new ArgumentException($"No MaxMind DB encoding for {value.GetType()}.", nameof(value));
        }
    }

    /// <summary>Unsigned integers are big-endian with leading zero bytes dropped; the size says how many remain.</summary>
    private static void Unsigned(Stream output, int type, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        var significant = bytes[(BitOperations.LeadingZeroCount(value) / 8)..];
        Control(output, type, significant.Length);
        output.Write(significant);
    }

    /// <summary>
    /// The control byte: type in the top 3 bits (types above 7 are "extended": 0 there, then a byte of type − 7),
    /// size in the low 5 bits, with 29/30/31 meaning 1/2/3 more bytes of size follow, offset by 29/285/65821.
    /// </summary>
    private static void Control(Stream output, int type, int size)
    {
        var (marker, extraBytes, offset) = size switch
        {
            < 29 => (size, 0, 0),
            < 285 => (29, 1, 29),
            < 65_821 => (30, 2, 285),
            _ => (31, 3, 65_821),
        };
        output.WriteByte((byte)(((type <= 7 ? type : 0) << 5) | marker));
        if (type > 7)
        {
            output.WriteByte((byte)(type - 7));
        }

        for (var i = extraBytes - 1; i >= 0; i--)
        {
            output.WriteByte((byte)((size - offset) >> (8 * i)));
        }
    }

    private sealed class Node
    {
        /// <summary>Left (bit 0) and right (bit 1): a <see cref="Node"/>, a <see cref="Leaf"/>, or null for no data.</summary>
        public object?[] Children { get; } = new object?[2];
    }

    private sealed record Leaf(int Offset);
}
