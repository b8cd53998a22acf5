using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Gemini.Generated;

/// <summary>
/// The one type for a response's headers (response and content headers together, by case-insensitive name), used by the
/// generated client, <see cref="ResponseInfo"/>, <see cref="AimlApiException"/> and the retry decision. Over a response it
/// is a view read only when used: a single lookup goes straight to the header collections, and the merged copy is built on
/// the first enumeration.
/// </summary>
internal sealed class ResponseHeaders : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private readonly HttpResponseMessage? _response;
    private Dictionary<string, IReadOnlyList<string>>? _all;

    public ResponseHeaders(HttpResponseMessage response)
    {
        _response = response;
    }

    /// <summary>A copy of <paramref name="headers"/> (for a <see cref="ResponseInfo"/> built by hand).</summary>
    public ResponseHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        _all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            _all[header.Key] = header.Value.ToArray();
        }
    }

    /// <summary>No headers.</summary>
    public static ResponseHeaders Empty { get; } = new(Array.Empty<KeyValuePair<string, IEnumerable<string>>>());

    public int Count => All.Count;

    public IEnumerable<string> Keys => All.Keys;

    public IEnumerable<IReadOnlyList<string>> Values => All.Values;

    private Dictionary<string, IReadOnlyList<string>> All => _all ??= Copy(_response!);

    public IReadOnlyList<string> this[string key] => TryGetValue(key, out var values) ? values : throw new KeyNotFoundException(key);

    /// <summary>The first value of a header, or null.</summary>
    public string? First(string name) => TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out IReadOnlyList<string> value)
    {
        if (_all is not null)
        {
            return _all.TryGetValue(key, out value!);
        }

        if (_response!.Headers.TryGetValues(key, out var values) || (_response.Content?.Headers.TryGetValues(key, out values) ?? false))
        {
            value = values as IReadOnlyList<string> ?? values!.ToArray();
            return true;
        }

        value = Array.Empty<string>();
        return false;
    }

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Dictionary<string, IReadOnlyList<string>> Copy(HttpResponseMessage response)
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            all[header.Key] = header.Value.ToArray();
        }

        if (response.Content is not null)
        {
            foreach (var header in response.Content.Headers)
            {
                all[header.Key] = header.Value.ToArray();
            }
        }

        return all;
    }
}
