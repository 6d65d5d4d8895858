/** The search page's form state survives the URL, the copies switch included. */
import { describe, expect, it } from 'vitest';
import { readForm, urlOf } from '../../src/serve/http/page/form.js';

describe('page form', () => {
  it('every copy (all=1) is kept in the URL and read back; the default leaves it out', () => {
    const form = readForm({ q: 'blu-ray vs hd-dvd', all: '1', offset: '10' });
    expect(form.all).toBe(true);
    expect(urlOf(form)).toBe('/?q=blu-ray+vs+hd-dvd&offset=10&all=1');
    expect(readForm({ q: 'x' }).all).toBe(false);
    expect(urlOf({ ...form, all: false, offset: 0 })).toBe('/?q=blu-ray+vs+hd-dvd');
  });
});
