import { multipartContentLength, multipartFraming } from './multipart-body';

const header = { boundary: 'XyZ', fieldName: 'file', fileName: 'a.bin', contentType: 'application/octet-stream' };

describe('multipartFraming', () => {
  it('writes the part headers before the data', () => {
    expect(multipartFraming(header).head.toString()).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
    );
  });

  it('closes the body with the final boundary after the data', () => {
    expect(multipartFraming(header).tail.toString()).toBe('\r\n--XyZ--\r\n');
  });

  it('names the boundary in the request content type', () => {
    expect(multipartFraming(header).contentType).toBe('multipart/form-data; boundary=XyZ');
  });

  it('percent-encodes a quote in the file name', () => {
    expect(multipartFraming({ ...header, fileName: 'a"b' }).head.toString()).toContain('filename="a%22b"');
  });
});

describe('multipartContentLength', () => {
  it('equals the length of the whole body it frames', () => {
    const framing = multipartFraming(header);
    const data = Buffer.alloc(1000, 7);
    const body = Buffer.concat([framing.head, data, framing.tail]);
    expect(multipartContentLength(framing, data.length)).toBe(body.length);
  });

  it('counts a multi-byte file name in bytes, not characters', () => {
    const framing = multipartFraming({ ...header, fileName: 'é' });
    expect(multipartContentLength(framing, 0)).toBe(Buffer.concat([framing.head, framing.tail]).length);
  });
});
