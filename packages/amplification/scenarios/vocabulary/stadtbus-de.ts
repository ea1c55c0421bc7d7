// A German city bus company (held out): German texts, commuter rhythm, strikes and delays.
import type { Industry } from './industry.ts';

export const stadtbusDe: Industry = {
  key: 'stadtbus-de',
  language: 'de',
  products: ['Linie 5', 'Nachtbus', 'Deutschlandticket', 'Fahrplan-App', 'Linie 12', 'Schulbus', 'Ticketautomat'],
  places: ['Hauptbahnhof', 'Marktplatz', 'Uni-Campus', 'Lindenallee', 'Betriebshof Nord', 'Rathaus'],
  posts: {
    positive: [
      '{brand} {product} heute pünktlich, super.',
      'Sehr netter Fahrer in der {product} am {place}, danke {brand}.',
      'Die neue {brand} {product} ist echt gut.',
      '{brand} hat das mit dem Umleitungsplan gut gelöst.',
    ],
    neutral: [
      'Sitze in der {brand} {product} Richtung {place}.',
      '{brand} {product} fährt heute über {place}.',
      'Neues {brand} {product} gekauft.',
      '{brand} ändert ab Montag den Fahrplan der {product}.',
      'Warte am {place} auf die {brand} {product}.',
      '{brand} {product} voll, nächste in {n} Minuten.',
    ],
    negative: [
      '{brand} {product} schon wieder ausgefallen am {place}.',
      '{n} Minuten auf die {brand} {product} gewartet, zu spät zur Arbeit.',
      'Die {brand} {product} ist kaputt, ärgerlich.',
      '{brand} {product} überfüllt und verspätet, furchtbar.',
    ],
  },
  replies: {
    positive: ['Stimmt, {brand} ist besser geworden.', 'Bei mir auch, {brand} {product} läuft gut.'],
    neutral: [
      'Die {brand} {product} fährt alle 10 Minuten.',
      '{brand} zeigt Umleitungen in der App.',
      'Am {place} hält {brand} jetzt gegenüber.',
    ],
    negative: ['Bei mir genauso, {brand} {product} nie pünktlich.', 'Wegen {brand} den Zug verpasst.'],
  },
  questions: [
    'Fährt {brand} heute die {product}?',
    'Gilt das {product} auch bei {brand}?',
    'Warum hält die {brand} {product} nicht am {place}?',
    'Wann kommt der neue {brand} Fahrplan?',
  ],
  followUps: ['Gilt das auch für die Nachtbusse?', 'Ab wann genau?', 'Ist der {place} auch betroffen?'],
  rhetorical: ['Mit {brand} zur Arbeit. Warum regnet es montags immer?', 'Schöne Fahrt mit {brand}. Wer ist auch schon müde?'],
  brandPosts: [
    'Ab Montag fährt die {product} im 10-Minuten-Takt.',
    'Bauarbeiten am {place}: Haltestelle wird für zwei Wochen verlegt.',
    'Die neue {product} ist online.',
  ],
  brandAnswers: [
    'Hallo {asker}, ja, bis 1 Uhr nachts.',
    'Hallo {asker}, ja, das Ticket gilt in allen Bussen.',
    'Hallo {asker}, wegen Bauarbeiten bitte die nächste Haltestelle nutzen.',
    'Hallo {asker}, der Sommerfahrplan startet am 1. Juni.',
  ],
  cannedAnswer: 'Entschuldigung für die Verspätung. Die Leitstelle ist informiert und schickt den nächsten Bus.',
  surge: [
    '{brand} streikt, kein einziger Bus heute früh. Katastrophe.',
    'Stehe seit einer Stunde am {place}, {brand} sagt nichts. Unmöglich.',
    '{brand} ist heute ein Witz, alles ausgefallen.',
    'Keine Info von {brand}, kein Bus, furchtbar.',
    '{brand} hat die {product} ohne Ankündigung gestrichen, wütend.',
  ],
  buzz: [
    'Schneechaos: alle nehmen heute {brand}.',
    '{brand} ist heute zum Stadtfest kostenlos.',
    '{brand} Elektrobusse heute in den Nachrichten.',
    'Großes Konzert am {place}, {brand} setzt Extrabusse ein.',
  ],
  viralPosts: ['{brand} Fahrer hat meine Oma mit Rollator einfach im Schnee stehen lassen und ist weggefahren.'],
  viralReplies: ['@{user} unfassbar, {brand}.', 'Teile das, {brand} muss antworten.', '{handle} bitte melden.', 'Schämt euch, {brand}.'],
  tractionPosts: ['Der {brand} Fahrer der {product} hat auf meinen Sohn an seinem ersten Schultag gewartet. Danke.'],
  tractionReplies: ['Wie schön, danke {brand}.', 'Toller Fahrer, {brand}.', 'Das freut mich, {brand}.'],
  influencerPosts: [
    'Einen Tag lang jede {brand} Linie gefahren. Meist pünktlich, am {place} hakt es.',
    'Kolumne heute: was {brand} beim Netz richtig und falsch macht.',
  ],
  spam: [
    '{brand} Freifahrt gewinnen auf gewinn.example',
    'Gratis {product} für alle hier klicken',
    '{brand} Erstattung jetzt beantragen erstattung.example',
  ],
  bot: ['{brand} live: {product} Bus {n} am {place}, {time}.', '{brand} Tracker: {product} {n} Min Verspätung am {place} ({time}).'],
  copies: ['Unterschreib die Petition für den {brand} Nachtbus {friend}'],
  sameQuestion: 'Fährt {brand} heute wegen des Streiks überhaupt?',
  categoryTerms: ['bus', 'linie', 'haltestelle', 'fahrplan', 'ticket'],
  sources: [
    { source: 'microblog', weight: 0.55 },
    { source: 'forum', weight: 0.3 },
    { source: 'reviews', weight: 0.15 },
  ],
  dailyShape: [0.1, 0.05, 0.05, 0.05, 0.3, 0.7, 1.3, 2.0, 2.0, 1.3, 0.9, 0.9, 1.0, 1.0, 1.1, 1.4, 1.8, 1.9, 1.5, 1.0, 0.7, 0.5, 0.3, 0.2],
  weeklyShape: [1.1, 1.1, 1.1, 1.1, 1.05, 0.75, 0.7],
};
