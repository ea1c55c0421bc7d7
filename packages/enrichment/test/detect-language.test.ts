import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/index.ts';

describe('detectLanguage', () => {
  it.each([
    ['en', 'customer service kept me on hold for an hour, never again'],
    ['es', 'mi pedido llegó roto y nadie contesta el teléfono'],
    ['fr', "j'adore la nouvelle mise à jour, le mode sombre est superbe"],
    ['de', 'meine Bestellung kam kaputt an und niemand geht ans Telefon'],
    ['pt', 'adorei a nova atualização, o modo escuro ficou lindo'],
    ['ru', 'мой заказ пришёл сломанным и никто не отвечает'],
    ['ja', '配送は早かったけど箱がつぶれていた'],
    ['zh', '发货很快，但是盒子被压扁了'],
    ['ar', 'وصل طلبي مكسورا ولا أحد يرد على الهاتف'],
  ])('detects %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('ignores links, handles and hashtags', () => {
    expect(detectLanguage('@acme_support #AcmeFail mi pedido llegó roto https://acme.com/orders/123')).toBe('es');
  });

  it('returns null when there is nothing to go on', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('🔥🔥🔥 👍')).toBeNull();
    expect(detectLanguage('https://acme.com @acme #acme')).toBeNull();
    expect(detectLanguage('lol')).toBeNull();
  });
});
