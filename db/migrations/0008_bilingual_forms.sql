-- 双语 becomes a vocabulary (设置 › 双语形式). The rule for what is already recorded in extra.languages:
--   1. a form written without 双语 (苗汉, 维汉 …) is the form itself: 苗汉 → 苗汉双语;
--   2. the eight shipped forms stay, in their order;
--   3. anything else (回汉双语 — 回族 speak Chinese —, 汉语, free text) leaves the list and is kept word for word in
--      语言说明 (extra.languageNote) as “原填写语言：…”, after what that note already said; it no longer counts as 双语;
--   4. a list left empty is removed.
UPDATE `pieces` SET `extra` = json_set(`extra`, '$.languages', json((
  SELECT json_group_array(CASE WHEN `value` IN ('苗汉', '维汉', '藏汉', '蒙汉', '彝汉', '壮汉', '朝汉', '哈汉') THEN `value` || '双语' ELSE `value` END)
  FROM json_each(`pieces`.`extra`, '$.languages')
))) WHERE json_type(`extra`, '$.languages') = 'array';--> statement-breakpoint
UPDATE `pieces` SET `extra` = json_set(`extra`,
  '$.languageNote', ltrim(coalesce(json_extract(`extra`, '$.languageNote') || '；', '') || '原填写语言：' || (
    SELECT group_concat(`value`, '、') FROM json_each(`pieces`.`extra`, '$.languages') WHERE `value` NOT IN ('苗汉双语', '维汉双语', '藏汉双语', '蒙汉双语', '彝汉双语', '壮汉双语', '朝汉双语', '哈汉双语')
  ), '；'),
  '$.languages', json((SELECT json_group_array(`value`) FROM json_each(`pieces`.`extra`, '$.languages') WHERE `value` IN ('苗汉双语', '维汉双语', '藏汉双语', '蒙汉双语', '彝汉双语', '壮汉双语', '朝汉双语', '哈汉双语')))
) WHERE json_type(`extra`, '$.languages') = 'array'
  AND EXISTS (SELECT 1 FROM json_each(`pieces`.`extra`, '$.languages') WHERE `value` NOT IN ('苗汉双语', '维汉双语', '藏汉双语', '蒙汉双语', '彝汉双语', '壮汉双语', '朝汉双语', '哈汉双语'));--> statement-breakpoint
UPDATE `pieces` SET `extra` = json_remove(`extra`, '$.languages')
WHERE json_type(`extra`, '$.languages') = 'array' AND json_array_length(`extra`, '$.languages') = 0;
