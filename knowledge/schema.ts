import { z } from 'zod';

export const ENTRY_KINDS = ['answer', 'smalltalk', 'handoff', 'decline'] as const;

const part = z.string().min(2).optional();

/** What a follow-up may ask of an answer alone: what to bring, how long, how much (a fee, an amount), where, whether and how online. */
const answerParts = z.object({ materials: part, howLong: part, howMuch: part, where: part, online: part }).strict();
export type AnswerPart = keyof z.infer<typeof answerParts>;

export const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id 只能用小写字母、数字和连字符'),
  category: z.string().min(1),
  question: z.string().min(2),
  alternates: z.array(z.string().min(1)).min(5, '至少需要 5 种其他问法'),
  answer: z.string().min(2),
  source: z.string().min(2),
  /** Buttons after the answer: another entry (`to`), or a request said for the user (`ask`: 查一下我的进度), which may start a flow. */
  followUps: z
    .array(
      z.union([
        z.object({ to: z.string().min(1), label: z.string().min(1).optional() }).strict(),
        z.object({ ask: z.string().min(2), label: z.string().min(1) }).strict(),
      ]),
    )
    .optional(),
  kind: z.enum(ENTRY_KINDS).default('answer'),
  /** The yes or no said first when the entry answers a can-I question ("盲人能办残疾证不" -> "能申请。"). */
  canI: z.string().min(1).optional(),
  /**
   * Parts of the answer said alone to a follow-up asking only that of it ("残疾证过期了咋整" + "要带啥":
   * the renewal's materials, not the whole paragraph again). Each must agree with the answer.
   */
  parts: answerParts.optional(),
  /** For a decline entry: the objects it is about (身份证, 护照...); it wins only when the question names one. */
  about: z.array(z.string().min(1)).optional(),
}).refine((e) => e.kind !== 'decline' || (e.about?.length ?? 0) > 0, {
  message: '拒答条目（kind: decline）需要 about：它所说的对象，例如 [身份证]',
  path: ['about'],
});

export const entryFileSchema = z.array(z.unknown());

export const synonymFileSchema = z.array(
  z.object({ canonical: z.string().min(1), variants: z.array(z.string().min(1)).min(1) }),
);

/** An entry as authored (answer still holds its {{placeholders}}). */
export type KbEntry = z.infer<typeof entrySchema>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
