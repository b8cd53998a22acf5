using System;
using System.IO;

namespace Gemini.Generated;

/// <summary>A TextReader over a (pooled, reusable) char buffer, so JSON is parsed without a string of the whole body.</summary>
internal sealed class CharArrayTextReader : TextReader
{
    private char[] _buffer = Array.Empty<char>();
    private int _length;
    private int _position;

    public void Reset(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _position = 0;
    }

    public override int Peek() => _position < _length ? _buffer[_position] : -1;

    public override int Read() => _position < _length ? _buffer[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        var available = Math.Min(count, _length - _position);
        if (available <= 0)
        {
            return 0;
        }

        Array.Copy(_buffer, _position, buffer, index, available);
        _position += available;
        return available;
    }
}
