using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Gemini.Generated;

/// <summary>
/// The response and content headers of a response as one case-insensitive dictionary, read only when used: a single lookup goes
/// straight to the header collections, and the merged copy is built on the first enumeration.
/// </summary>
internal sealed class ResponseHeaders : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private readonly HttpResponseMessage _response;
    private Dictionary<string, IEnumerable<string>>? _all;

    public ResponseHeaders(HttpResponseMessage response)
    {
        _response = response;
    }

    public int Count => All.Count;

    public IEnumerable<string> Keys => All.Keys;

    public IEnumerable<IEnumerable<string>> Values => All.Values;

    private Dictionary<string, IEnumerable<string>> All => _all ??= Copy(_response);

    public IEnumerable<string> this[string key] => TryGetValue(key, out var values) ? values : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out IEnumerable<string> value)
    {
        if (_all is not null)
        {
            return _all.TryGetValue(key, out value!);
        }

        if (_response.Headers.TryGetValues(key, out var values) || (_response.Content?.Headers.TryGetValues(key, out values) ?? false))
        {
            value = values!;
            return true;
        }

        value = Array.Empty<string>();
        return false;
    }

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Dictionary<string, IEnumerable<string>> Copy(HttpResponseMessage response)
    {
        var all = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
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
